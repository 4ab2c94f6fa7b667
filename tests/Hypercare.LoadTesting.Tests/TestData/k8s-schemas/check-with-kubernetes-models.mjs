import fs from 'fs';
import { parseAllDocuments } from 'yaml';
import { ConfigMap, PersistentVolumeClaim } from 'kubernetes-models/v1';
import { Job } from 'kubernetes-models/batch/v1';
const kinds = { ConfigMap, PersistentVolumeClaim, Job };
let failed = 0;
for (const doc of parseAllDocuments(fs.readFileSync(process.argv[2], 'utf8'))) {
  const obj = doc.toJS();
  if (!obj) continue;
  try { new kinds[obj.kind](obj).validate(); console.log('valid', obj.kind, obj.metadata.name); }
  catch (e) { failed++; console.log('INVALID', obj.kind, e.message, JSON.stringify(e.details ?? e.errors ?? '')); }
}
// negative control: the checker must reject a broken Job
try { new Job({ metadata: { name: 'x' }, spec: { completions: 'three', template: {} } }).validate(); console.log('control NOT rejected'); failed++; }
catch (e) { console.log('control rejected:', e.message.slice(0, 200)); }
process.exit(failed);
