// The web interface in a real headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core; no browser is ever downloaded).
//
//   node tests/web/web.test.mjs /path/to/duban      (or DUBAN_BIN=/path/to/duban)
//
// Builds nothing: takes the duban binary, ingests samples/ into a temporary SQLite database,
// adds an admin and a unit user, starts `duban serve` on 127.0.0.1 and a free port (--port 0), and walks
// through the interface as those users would. Expectations come from reading the samples and
// tests/cases/tasks_expected.json, not from the program's own output.
//
// Without Chromium or playwright-core it exits 77 (ctest's SKIP_RETURN_CODE), unless
// DUBAN_REQUIRE_BROWSER=1 (tools/run-tests sets it): then it fails.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {spawn, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const samplesDir = path.join(root, 'samples');
const chromiumPath = process.env.DUBAN_CHROMIUM || '/usr/bin/chromium';
const requireBrowser = process.env.DUBAN_REQUIRE_BROWSER === '1';
const dubanArg = process.argv.slice(2).find((a) => !a.startsWith('-'));
const duban = process.env.DUBAN_BIN || dubanArg;

let chromium = null;
try {
  ({chromium} = await import('playwright-core'));
} catch {
  chromium = null;
}
const missing = !duban ? 'duban 可执行文件（DUBAN_BIN 或第一个参数）'
              : !fs.existsSync(duban) ? `duban 可执行文件 ${duban}`
              : !fs.existsSync(chromiumPath) ? chromiumPath
              : !chromium ? 'playwright-core（在 tests/web 中运行 npm ci）'
              : null;
if (missing) {
  if (requireBrowser) {
    console.error(`web.test.mjs: 错误: 缺少 ${missing}（DUBAN_REQUIRE_BROWSER=1，不能跳过）`);
    process.exit(1);
  }
  console.log(`web.test.mjs: 跳过: 缺少 ${missing}`);
  process.exit(77);
}

// ---------------------------------------------------------------------------------------------
// Expectations, derived from the samples and the hand-written task expectations.

const tasksExpected = JSON.parse(fs.readFileSync(path.join(root, 'tests/cases/tasks_expected.json'), 'utf8'));
const unitsTsv = fs.readFileSync(path.join(root, 'data/units.tsv'), 'utf8');

// The unit user belongs to the district's 供销合作社联合社 (data/units.tsv: canonical name first,
// then aliases; names are written without the 区/县 prefix).
const coopRow = unitsTsv.split('\n').find((l) => l.split('\t')[0] === '供销合作社联合社');
const coopNames = coopRow.split('\t').map((s) => s.trim()).filter(Boolean);
const coopUnit = '区供销合作社联合社';
const mentionsCoop = (s) => coopNames.some((n) => s.includes(n));

// Its tasks: every sample line naming the unit lies in 周政字〔2024〕33号 (lines 5–70 of the
// zhoucun file, up to the next 文号 at line 71), checked here, so the ledger filtered by the unit
// holds exactly the tasks of that document that name it.
function coopExpectation() {
  const lines = [];
  for (const f of fs.readdirSync(samplesDir)) {
    fs.readFileSync(path.join(samplesDir, f), 'utf8').split('\n').forEach((l, i) => {
      if (mentionsCoop(l)) lines.push({file: f, line: i + 1});
    });
  }
  const key = 'zhoucun-2024-coops-disclosure-tasklist.txt#周政字〔2024〕33号';
  const tasks = tasksExpected[key].tasks.filter((t) => [...t.units, ...t.lead_units].some(mentionsCoop));
  return {lines, tasks};
}

// The document opened in the reader: 周政办字〔2024〕9号, whose title is printed over two lines
// (zhoucun lines 67–69), with deadlines and units from tasks_expected.json.
const readerDoc = {
  docNumber: '周政办字〔2024〕9号',
  issuer: '周村区人民政府办公室',
  title: '关于印发2024年周村区政务公开工作方案的通知',
  expected: tasksExpected['zhoucun-2024-coops-disclosure-tasklist.txt#周政办字〔2024〕9号'],
};

// ---------------------------------------------------------------------------------------------
// The server and the browser.

const users = {
  admin: {name: 'admin', password: 'Admin-pass-2024', role: 'admin'},
  coop: {name: 'gongxiao', password: 'Coop-pass-2024', role: 'unit', unit: coopUnit},
};

const env = {tmp: null, server: null, serverLog: '', context: null, page: null, base: null};

function run(args, input) {
  const r = spawnSync(duban, args, {input, encoding: 'utf8', cwd: env.tmp, timeout: 300000});
  assert.equal(r.status, 0, `duban ${args.join(' ')} 失败（${r.status}）：${r.stderr}`);
  return r;
}

// `duban serve --port 0` binds a free port and prints "duban 服务已启动：http://127.0.0.1:PORT/".
function serverAddress() {
  return new Promise((resolve, reject) => {
    let out = '';
    // Bounded so a server that never starts fails the test instead of hanging it.
    const timer = setTimeout(() => reject(new Error(`duban serve 没有报告地址：${env.serverLog}`)), 60000);
    env.server.stdout.on('data', (d) => {
      out += d;
      const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${m[1]}`);
      }
    });
    env.server.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`duban serve 已退出（${code}）：${env.serverLog}`));
    });
  });
}

function stopServer() {
  if (env.server && env.server.exitCode === null) env.server.kill('SIGTERM');
}

function removeTemp() {
  if (env.tmp) fs.rmSync(env.tmp, {recursive: true, force: true});
  env.tmp = null;
}

// Also on an interrupted run: never leave the server behind.
process.on('exit', () => {
  if (env.server && env.server.exitCode === null) env.server.kill('SIGKILL');
  removeTemp();
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(1));

before(async () => {
  env.tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'duban-web-'));
  const db = path.join(env.tmp, 'duban.db');
  const samples = fs.readdirSync(samplesDir).filter((f) => f.endsWith('.txt')).map((f) => path.join(samplesDir, f));
  run(['ingest', '--db', db, ...samples]);
  run(['user', 'add', '--db', db, '--name', users.admin.name, '--role', 'admin'], `${users.admin.password}\n`);
  run(['user', 'add', '--db', db, '--name', users.coop.name, '--role', 'unit', '--unit', users.coop.unit],
      `${users.coop.password}\n`);

  env.server = spawn(duban, ['serve', '--db', db, '--host', '127.0.0.1', '--port', '0'],
                     {cwd: env.tmp, stdio: ['ignore', 'pipe', 'pipe']});
  const log = (d) => {
    env.serverLog = (env.serverLog + d).slice(-4000);
  };
  env.server.stdout.on('data', log);
  env.server.stderr.on('data', log);
  env.base = await serverAddress();

  env.context = await chromium.launchPersistentContext(path.join(env.tmp, 'chromium'), {
    executablePath: chromiumPath,
    headless: true,
    locale: 'zh-CN',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'],
  });
  env.context.setDefaultTimeout(20000);
  env.page = env.context.pages()[0] || await env.context.newPage();
  // Script errors and console errors (a Content-Security-Policy violation is one) fail the
  // last test; failed requests are expected (401, 403) and reported by the steps themselves.
  env.pageErrors = [];
  env.page.on('pageerror', (e) => env.pageErrors.push(String(e)));
  env.page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) env.pageErrors.push(m.text());
  });
});

after(async () => {
  try {
    if (env.context) await env.context.close();
  } finally {
    stopServer();
    if (env.server && env.server.exitCode === null) {
      await new Promise((r) => {
        const t = setTimeout(() => {
          env.server.kill('SIGKILL');
          r();
        }, 5000);
        env.server.once('exit', () => {
          clearTimeout(t);
          r();
        });
      });
    }
    removeTemp();
  }
});

// ---------------------------------------------------------------------------------------------
// Steps

async function logout(page) {
  await open(page, `#/docs`);
  const button = page.locator('#who button', {hasText: '退出'});
  if (await button.count()) {
    await button.click();
    await page.locator('#who a', {hasText: '登录'}).waitFor();
    await settled(page);
  }
}

async function login(page, user) {
  await logout(page);
  await open(page, `#/login`);
  await page.getByLabel('用户名').fill(user.name);
  await page.getByLabel('密码').fill(user.password);
  await page.getByRole('button', {name: '登录'}).click();
  await page.locator(`#who [data-user="${user.name}"]`).waitFor();
  await settled(page);
}

// Waits until the view for the current hash is complete (the app sets main[data-ready] to the
// hash it rendered), so no step reads the page a navigation is replacing.
async function settled(page) {
  await page.waitForFunction(() => document.getElementById('main').dataset.ready === location.hash);
}

async function open(page, hash) {
  await page.goto(`${env.base}/${hash}`);
  await settled(page);
}

// The ledger's rows once the current view is complete.
async function ledgerRows(page) {
  await settled(page);
  return page.locator('table.ledger tbody tr');
}

test('a wrong password is refused with a message, the right one logs in', async () => {
  const {page} = env;
  await open(page, `#/login`);
  await page.getByLabel('用户名').fill(users.coop.name);
  await page.getByLabel('密码').fill('not-the-password');
  await page.getByRole('button', {name: '登录'}).click();
  const alert = page.locator('form.login [role="alert"]');
  await alert.waitFor();
  assert.match(await alert.textContent(), /[\u4e00-\u9fff]/, 'the error is in Chinese');
  assert.equal(await page.locator('#who [data-user]').count(), 0);

  await login(page, users.coop);
  const who = await page.locator('#who [data-user]').textContent();
  assert.ok(who.includes(users.coop.name) && who.includes(coopUnit), who);
  // A unit user has no audit log in the navigation.
  assert.equal(await page.locator('[data-nav="audit"]').isVisible(), false);
});

test('the document list filters by issuer and year; the reader marks units and deadlines', async () => {
  const {page} = env;
  await open(page, `#/docs`);
  await page.getByLabel('发文机关').fill(readerDoc.issuer);
  await page.getByLabel('年份').fill('2024');
  await page.getByRole('button', {name: '查询'}).click();
  await settled(page);
  const list = page.locator('section[aria-busy="false"] ul.hits li');
  await list.first().waitFor();
  for (const meta of await list.locator('.meta').allTextContents()) {
    assert.ok(meta.includes(readerDoc.issuer) && meta.includes('2024'), meta);
  }
  await page.getByRole('link', {name: readerDoc.title, exact: true}).click();
  await settled(page);

  await page.locator('h1', {hasText: readerDoc.title}).waitFor();
  assert.equal((await page.locator('h1').textContent()).trim(), readerDoc.title);
  assert.ok((await page.locator('dl.facts').textContent()).includes(readerDoc.docNumber));

  // Units and deadlines are marked in the text itself (white space ignored: the source is
  // hard-wrapped), not only listed.
  const norm = (s) => s.replace(/[\s\u3000]/g, '');
  const units = (await page.locator('.doctext mark.unit').allTextContents()).map(norm);
  const deadlines = (await page.locator('.doctext mark.deadline').allTextContents()).map(norm);
  for (const u of ['区政府各部门单位', '区政府办公室（区大数据局）']) {
    assert.ok(readerDoc.expected.tasks.some((t) => t.units.includes(u)), `${u} is a unit of the expectations`);
    assert.ok(units.includes(u), `unit ${u} marked; marked: ${[...new Set(units)].slice(0, 20).join('、')}`);
  }
  for (const d of readerDoc.expected.tasks.map((t) => t.deadline_text).filter(Boolean)) {
    assert.ok(deadlines.some((m) => m.includes(norm(d))), `deadline ${d} marked; marked: ${deadlines.join('、')}`);
  }
  // Marks are real elements around the document's text, which stays text: no markup leaks.
  assert.equal(await page.locator('.doctext script, .doctext img').count(), 0);
  // The outline jumps into the text.
  assert.ok(await page.locator('nav.outline button').count() > 0, 'the outline is shown');
});

test('search shows highlighted snippets', async () => {
  const {page} = env;
  await open(page, `#/docs`);
  await page.getByLabel('搜索', {exact: true}).fill('供销合作社');
  await page.getByRole('button', {name: '查询'}).click();
  await settled(page);
  const first = page.locator('section[aria-busy="false"] ul.hits li').first();
  await first.waitFor();
  const marks = await page.locator('ul.hits .snippet mark').allTextContents();
  assert.ok(marks.length > 0, 'snippets carry <mark>');
  assert.ok(marks.some((m) => '供销合作社'.includes(m) || m.includes('供销')), marks.join('、'));
  const titles = await page.locator('ul.hits li > a').allTextContents();
  assert.ok(titles.some((t) => t.includes('关于推动供销合作社高质量发展的实施意见')), titles.join(' | '));
});

test('the ledger filtered by a unit shows only that unit\'s tasks', async () => {
  const {page} = env;
  const {lines, tasks} = coopExpectation();
  assert.ok(lines.length > 0 &&
                lines.every((l) => l.file === 'zhoucun-2024-coops-disclosure-tasklist.txt' && l.line > 5 && l.line < 71),
            `the unit is named in 周政字〔2024〕33号 only: ${JSON.stringify(lines)}`);

  await open(page, `#/ledger`);
  await ledgerRows(page);
  const all = Number(await page.locator('.toolbar .count').getAttribute('data-total'));
  await page.getByLabel('单位', {exact: true}).selectOption(coopUnit);
  await page.getByRole('button', {name: '筛选'}).click();
  const rows = await ledgerRows(page);
  assert.equal(Number(await page.locator('.toolbar .count').getAttribute('data-total')), tasks.length);
  assert.equal(await rows.count(), tasks.length);
  assert.ok(all > tasks.length, `the unfiltered ledger has more (${all})`);
  for (const cell of await rows.locator('td.units').allTextContents()) {
    assert.ok(cell.split('、').includes(coopUnit), cell);
  }
  // Each expected task is there, by the start of its text.
  const texts = await rows.locator('td.task').allTextContents();
  for (const t of tasks) {
    assert.ok(texts.some((x) => x.replace(/\s/g, '').includes(t.starts_with)), `task ${t.label}${t.starts_with}`);
  }
  // The export links carry the same filter.
  const csvHref = await page.getByRole('link', {name: '导出 CSV'}).getAttribute('href');
  assert.ok(csvHref.includes(`unit=${encodeURIComponent(coopUnit)}`), csvHref);
});

test('a unit user records progress on its own task', async () => {
  const {page} = env;
  await login(page, users.coop);
  await open(page, `#/ledger?unit=${encodeURIComponent(coopUnit)}`);
  const rows = await ledgerRows(page);
  const row = rows.first();
  env.progressTask = await row.getAttribute('data-task');
  await row.getByRole('link', {name: /详情/}).click();
  await settled(page);
  const panel = page.locator('aside.panel');
  await panel.locator('form').waitFor();
  env.progressText = `已完成全区基层供销社摸底调查（浏览器测试 ${process.pid}）`;
  await panel.getByLabel('进展情况').fill(env.progressText);
  await panel.getByLabel('状态').selectOption('推进中');
  const response = page.waitForResponse((r) => r.url().endsWith(`/api/v1/tasks/${env.progressTask}/progress`));
  await panel.getByRole('button', {name: '提交进展'}).click();
  assert.equal((await response).status(), 201);
  await panel.locator('.progress-list li', {hasText: env.progressText}).waitFor();
  const entry = await panel.locator('.progress-list li', {hasText: env.progressText}).textContent();
  assert.ok(entry.includes(users.coop.name), entry);
  await page.locator(`tr[data-task="${env.progressTask}"] td.status`, {hasText: '推进中'}).waitFor();
});

test('a unit user changing another unit\'s task sees the server\'s 403 message, and nothing changes', async () => {
  const {page} = env;
  await login(page, users.coop);
  // A task of another unit: the ledger's first task that does not name the user's unit.
  await open(page, `#/ledger?unit=${encodeURIComponent('区教育和体育局')}`);
  const rows = await ledgerRows(page);
  let other = null;
  for (let i = 0; i < await rows.count(); i++) {
    const units = (await rows.nth(i).locator('td.units').textContent()).split('、');
    if (!units.includes(coopUnit)) {
      other = rows.nth(i);
      break;
    }
  }
  assert.ok(other, 'a task of another unit');
  const id = await other.getAttribute('data-task');
  await other.getByRole('link', {name: /详情/}).click();
  await settled(page);
  const panel = page.locator('aside.panel');
  await panel.locator('form').waitFor();
  const progressBefore = await panel.locator('.progress-list li').count();
  const factsBefore = await panel.locator('dl.facts').textContent();
  await panel.getByLabel('进展情况').fill('越权填报的进展');
  await panel.getByLabel('状态').selectOption('已完成');
  const response = page.waitForResponse((r) => r.url().endsWith(`/api/v1/tasks/${id}/progress`));
  await panel.getByRole('button', {name: '提交进展'}).click();
  const res = await response;
  assert.equal(res.status(), 403);
  const body = await res.json();
  const alert = panel.locator('form [role="alert"]');
  await alert.waitFor();
  assert.equal((await alert.textContent()).trim(), body.error, 'the page shows the server\'s message');
  assert.match(body.error, /[\u4e00-\u9fff]/);

  // Reload: the task is unchanged.
  await open(page, `#/ledger?task=${id}`);
  await page.locator('aside.panel h2', {hasText: '任务详情'}).waitFor();
  assert.equal(await page.locator('aside.panel .progress-list li').count(), progressBefore);
  assert.equal(await page.locator('aside.panel dl.facts').textContent(), factsBefore);
});

test('the admin sees the progress report in the audit log', async () => {
  const {page} = env;
  assert.ok(env.progressTask, 'progress was recorded before');
  await login(page, users.admin);
  await page.getByRole('link', {name: '审计日志'}).click();
  await settled(page);
  await page.locator('h1', {hasText: '审计日志'}).waitFor();
  await page.locator('table.audit tbody tr').first().waitFor();
  const rows = page.locator('table.audit tbody tr', {hasText: env.progressText});
  assert.ok(await rows.count() >= 1, 'an entry with the report\'s text');
  const text = await rows.first().textContent();
  assert.ok(text.includes(users.coop.name), text);
  assert.ok(text.includes(env.progressTask), text);
  // The refused change left no entry.
  assert.equal(await page.locator('table.audit tbody tr', {hasText: '越权填报的进展'}).count(), 0);
});

test('a unit user makes a subscription URL for its board that works without a cookie', async () => {
  const {page} = env;
  await login(page, users.coop);
  // Another unit's board: the .ics download, but no subscription URL to make.
  const other = '区交通运输局';
  await open(page, `#/units/${encodeURIComponent(other)}`);
  await page.locator('h1', {hasText: other}).waitFor();
  assert.equal(await page.getByRole('link', {name: /下载时限日历/}).count(), 1);
  assert.equal(await page.getByRole('button', {name: '生成订阅链接'}).count(), 0);

  await open(page, `#/units/${encodeURIComponent(coopUnit)}`);
  await page.locator('h1', {hasText: coopUnit}).waitFor();
  const makeUrl = async (previous) => {
    await page.getByRole('button', {name: '生成订阅链接'}).click();
    const input = page.locator('input.feed-url');
    await page.waitForFunction((old) => {
      const el = document.querySelector('input.feed-url');
      return el && el.value && el.value !== old;
    }, previous);
    assert.equal(await input.getAttribute('readonly'), '');
    return input.inputValue();
  };
  const first = await makeUrl('');
  assert.match(first, new RegExp(`^${env.base}/api/v1/calendar-feeds/[A-Za-z0-9_-]{43}\\.ics$`));
  assert.ok(await page.getByText('任何人都能查看本单位的任务时限').count() >= 1);
  // What a calendar program does: fetch the URL with no cookie.
  const res = await fetch(first);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/calendar/);
  const ics = await res.text();
  assert.ok(ics.startsWith('BEGIN:VCALENDAR'), ics.slice(0, 100));
  assert.ok(ics.includes(`X-WR-CALNAME:${coopUnit}`), ics.slice(0, 400));

  // A new URL replaces the old one.
  const second = await makeUrl(first);
  assert.notEqual(second, first);
  assert.equal((await fetch(second)).status, 200);
  const gone = await fetch(first);
  assert.equal(gone.status, 404);
  assert.ok((await gone.json()).error, 'a JSON error body');
});

test('the other views render for the admin', async () => {
  const {page} = env;
  await login(page, users.admin);
  await open(page, `#/units/${encodeURIComponent(coopUnit)}`);
  await page.locator('h1', {hasText: coopUnit}).waitFor();
  const {tasks} = coopExpectation();
  assert.equal((await page.locator('.stat').first().locator('strong').textContent()).trim(), String(tasks.length));
  assert.ok(await page.getByRole('link', {name: /督办通知/}).count() === 1);
  assert.equal(await page.getByRole('button', {name: '生成订阅链接'}).count(), 1);  // any unit's

  await open(page, `#/cites`);
  await page.locator('h1', {hasText: '引用关系'}).waitFor();

  await open(page, `#/calendar?month=2024-07`);
  await page.locator('table.calendar').waitFor();
  // 周政办字〔2024〕9号 (dated 2024-07-01) asks for plans 7月10日前: due 2024-07-10.
  assert.ok(await page.locator('td[data-date="2024-07-10"] li').count() >= 1, 'a deadline on 2024-07-10');
  assert.deepEqual(env.pageErrors, []);
});
