// Rows of an operation from a CSV or JSON file, read in the browser by the rules of the API's import
// (src/api/cases/import-rows.ts): CSV (RFC 4180 quoting) takes the column headed target, domain, url, input
// or profile, else the first; blank lines and # comments are skipped. JSON is an array of strings or of
// objects with one of those keys. A malformed item is still a row (sent empty, so it is refused, never dropped).
const targetColumns = ['target', 'domain', 'url', 'input', 'profile'];

/** [{ input, source }] with the file line (CSV) or item (JSON) each row came from; throws with what is wrong. */
export async function readRowsFile(file) {
  const content = (await file.text()).replace(/^\uFEFF/, '');
  const json = /\.json$/i.test(file.name) || file.type === 'application/json';
  const rows = json ? fromJson(content, file.name) : fromCsv(content, file.name);
  if (rows.length === 0) throw new Error(`${file.name} holds no targets`);
  return rows;
}

function fromJson(content, name) {
  let parsed;
  try {
    parsed = JSON.parse(content);
  } catch (error) {
    throw new Error(`${name} is not valid JSON (${error.message})`);
  }
  const list = Array.isArray(parsed) ? parsed : parsed?.targets;
  if (!Array.isArray(list)) throw new Error(`${name} must hold a JSON array of targets, or an object with a "targets" array`);
  return list.map((item, i) => {
    const value = typeof item === 'string' ? item : item && typeof item === 'object' ? targetColumns.map((c) => item[c]).find((v) => typeof v === 'string') : undefined;
    return { input: typeof value === 'string' ? value.trim() : '', source: `${name} item ${i + 1}` };
  });
}

function fromCsv(content, name) {
  const records = csvRecords(content).filter((r) => !(r.fields.length === 1 && r.fields[0].trim() === '') && !r.fields[0].trimStart().startsWith('#'));
  if (records.length === 0) return [];
  const header = records[0].fields.map((f) => f.trim().toLowerCase());
  const named = header.findIndex((x) => targetColumns.includes(x));
  const body = named >= 0 ? records.slice(1) : records;
  return body.map((r) => ({ input: (r.fields[named >= 0 ? named : 0] ?? '').trim(), source: `${name} line ${r.line}` }));
}

/** RFC 4180 records with the line each starts on. */
function csvRecords(text) {
  const records = [];
  let fields = [];
  let value = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { value += '"'; i++; } else if (c === '"') quoted = false;
      // A line break inside quotes counts as one outside does (\n, \r\n or a lone \r), as in src/api/cases/import-rows.ts.
      else { if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++; value += c; }
    } else if (c === '"' && value === '') quoted = true;
    else if (c === ',') { fields.push(value); value = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      fields.push(value);
      records.push({ line: start, fields });
      fields = []; value = ''; line++; start = line;
    } else value += c;
  }
  if (value !== '' || fields.length > 0) { fields.push(value); records.push({ line: start, fields }); }
  return records;
}
