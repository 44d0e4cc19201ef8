#!/usr/bin/env node
// Parse + validate Adaptive Card JSON with Microsoft's official renderer package (adaptivecards@3.0.6), in plain node.
// Usage: node validate-card.js [--max-version 1.5] card1.json|dir [card2.json|dir ...]   (exit 1 if any card has events)
// A directory stands for every *.json below it (sorted). Copied from the project's shared harness; this copy
// adds directory arguments and fails a run that was given no card at all (an empty glob must not pass).
// lib/ is ESM with extension-less imports (fails in node); dist/ is the webpack UMD bundle, which works with require().
const AC = require('adaptivecards/dist/adaptivecards.js');
const EV = AC.ValidationEvent, PH = AC.ValidationPhase;

function validateCard(json, maxVersion = '1.5') {
  const events = [];
  if (typeof json !== 'object' || json === null) return [{ phase: 'Parse', event: 'Other', message: 'not a JSON object' }];
  const max = AC.Version.parse(maxVersion, new AC.SerializationContext());
  // The renderer treats a missing "version" as 1.0 without complaint; Teams needs it, so check it here.
  if (json.type === 'AdaptiveCard' && !('version' in json)) events.push({ phase: AC.ValidationPhase.Validation,
    event: AC.ValidationEvent.PropertyCantBeNull, message: 'Property "version" must be set (supplemental check)' });
  // Parse against the card's OWN declared version (capped at the host max), so that elements/properties
  // newer than what the card declares are reported (UnknownElementType / UnsupportedProperty).
  const declared = AC.Version.parse(json.version, new AC.SerializationContext());
  const target = declared && declared.isValid && declared.compareTo(max) <= 0 ? declared : max;
  const card = new AC.AdaptiveCard();
  card.maxVersion = max;                                   // host (Teams) limit; default is Versions.latest (1.6)
  const ctx = new AC.SerializationContext(target);
  card.parse(json, ctx);
  for (let i = 0; i < ctx.eventCount; i++) events.push(ctx.getEventAt(i));
  events.push(...card.validateProperties().validationEvents);
  events.push(...unknownProperties(json, target));
  return events.map(e => ({ phase: PH[e.phase], event: EV[e.event], message: e.message,
    source: e.source && e.source.getJsonTypeName ? e.source.getJsonTypeName() + (e.source.id ? '#' + e.source.id : '') : undefined }));
}
// Supplemental typo check: JSON keys that the official renderer's own property schema does not know.
// Structural keys (collections parsed outside the schema) and Teams' own extensions are allowed.
const STRUCTURAL = new Set(['fallback', 'body', 'actions', 'items', 'columns', 'rows', 'cells', 'facts', 'choices',
  'inlines', 'images', 'card', 'msteams', 'msTeams', 'metadata', 'entities']);
function unknownProperties(node, version, path = '$', out = []) {
  if (Array.isArray(node)) { node.forEach((n, i) => unknownProperties(n, version, `${path}[${i}]`, out)); return out; }
  if (!node || typeof node !== 'object') return out;
  const t = node.type;
  const obj = t === 'AdaptiveCard' ? new AC.AdaptiveCard() : typeof t === 'string' &&
    (AC.GlobalRegistry.elements.createInstance(t, version) || AC.GlobalRegistry.actions.createInstance(t, version));
  if (obj && obj.getSchema) {
    const known = new Set(); const sc = obj.getSchema(); for (let i = 0; i < sc.getCount(); i++) known.add(sc.getItemAt(i).name);
    for (const k of Object.keys(node)) if (!known.has(k) && !STRUCTURAL.has(k))
      out.push({ phase: AC.ValidationPhase.Validation, event: AC.ValidationEvent.UnsupportedProperty,
        message: `${path}: unknown property "${k}" on ${t} (supplemental check)` });
  }
  for (const [k, v] of Object.entries(node)) if (k !== 'data' && v && typeof v === 'object') unknownProperties(v, version, `${path}.${k}`, out);
  return out;
}
module.exports = { validateCard };

if (require.main === module) {
  const args = process.argv.slice(2); let max = '1.5';
  if (args[0] === '--max-version') { max = args[1]; args.splice(0, 2); }
  const fs = require('fs'), path = require('path');
  const expand = p => fs.statSync(p, { throwIfNoEntry: false })?.isDirectory()
    ? fs.readdirSync(p).sort().flatMap(n => { const q = path.join(p, n);
      return fs.statSync(q).isDirectory() ? expand(q) : n.endsWith('.json') ? [q] : []; })
    : [p];
  const files = args.flatMap(expand);
  if (!files.length) { console.log('no card files given (empty folder or glob)'); console.log('0 passed, 1 failed'); process.exit(1); }
  let bad = 0;
  for (const f of files) {
    let json; try { json = JSON.parse(require('fs').readFileSync(f, 'utf8')); } catch (e) { console.log(`${f}: JSON error: ${e.message}`); bad++; continue; }
    const ev = validateCard(json, max);
    console.log(`${f}: ${ev.length ? ev.length + ' problem(s)' : 'OK'}`);
    for (const e of ev) console.log(`  [${e.phase}/${e.event}] ${e.source ? e.source + ': ' : ''}${e.message}`);
    if (ev.length) bad++;
  }
  console.log(`${files.length - bad} passed, ${bad} failed`);
  process.exit(bad ? 1 : 0);
}
