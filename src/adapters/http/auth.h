// adapters/http/auth.h: passwords, session tokens and times for the HTTP service and
// `duban user add`, on libsodium.
//
// Usage:
//   std::string stored = duban::http::hash_password("s3cret-pass");  // argon2id, "$argon2id$…"
//   duban::http::verify_password(stored, "s3cret-pass");              // true
//   std::string token = duban::http::random_token();  // 64 hex chars: the cookie value
//   std::string key = duban::http::token_hash(token); // what the sessions table keeps
//   std::string feed = duban::http::random_url_token();  // 43 URL-safe chars: a feed's secret
#ifndef DUBAN_ADAPTERS_HTTP_AUTH_H_
#define DUBAN_ADAPTERS_HTTP_AUTH_H_

#include <chrono>
#include <stdexcept>
#include <string>
#include <string_view>

namespace duban::http {

class AuthError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

//! Shortest password accepted for an account, in characters (code points).
inline constexpr std::size_t kMinPasswordChars = 8;

//! The number of UTF-8 code points in `text`.
std::size_t char_count(std::string_view text);

//! Initializes libsodium (idempotent, thread-safe). Throws AuthError if it cannot.
void init_crypto();

//! argon2id hash with libsodium's interactive limits, in crypto_pwhash_str's text format
//! (salt and parameters included). Throws AuthError when out of memory.
std::string hash_password(std::string_view password);

//! Whether `password` matches `stored` (a hash_password() result). False for a malformed hash.
bool verify_password(const std::string& stored, std::string_view password);

//! 32 random bytes as 64 lowercase hex characters.
std::string random_token();

//! BLAKE2b (crypto_generichash, 32 bytes) of `token`, hex: sessions are stored by this, so a
//! copy of the database does not hold usable cookies.
std::string token_hash(std::string_view token);

//! Characters of a random_url_token(): 32 bytes in unpadded base64.
inline constexpr std::size_t kUrlTokenChars = 43;

//! 32 random bytes in URL-safe base64 without padding (kUrlTokenChars of A-Z a-z 0-9 - _):
//! the secret in a calendar feed's URL.
std::string random_url_token();

//! Whether `token` has the form of a random_url_token() (checked before any lookup).
bool is_url_token(std::string_view token);

//! SHA-256 of a feed token, lowercase hex: what the calendar_feeds table keeps.
std::string feed_token_hash(std::string_view token);

//! Compares two strings in time that depends only on their lengths.
bool equal_constant_time(std::string_view a, std::string_view b);

//! UTC time as "2026-11-23T14:05:00Z".
std::string utc_iso(std::chrono::system_clock::time_point t);

//! The digits of the first 19 characters of an ISO time ("20261123140500"), so that times
//! written as "2026-11-23T14:05:00Z" or "2026-11-23 14:05:00+00" compare alike.
std::string time_key(std::string_view iso);

}  // namespace duban::http

#endif  // DUBAN_ADAPTERS_HTTP_AUTH_H_
