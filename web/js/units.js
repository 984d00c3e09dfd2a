// The canonical units of the ledger, read once per page load.
import {get} from './api.js';

let units = null;
export function loadUnits() {
  if (!units) {
    units = get('/units').then((res) => res.items || [], (e) => {
      units = null;
      throw e;
    });
  }
  return units;
}
