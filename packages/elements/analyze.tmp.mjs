import { build } from 'esbuild';
const r = await build({ entryPoints: [process.argv[2]], bundle: true, minify: true, format: 'esm', write: false, metafile: true, conditions: ['source'], tsconfig: 'tsconfig.json' });
const inputs = r.metafile.outputs[Object.keys(r.metafile.outputs)[0]].inputs;
const byPkg = {};
for (const [f, v] of Object.entries(inputs)) { const m = f.match(/node_modules\/((@[^/]+\/)?[^/]+)/); const k = m ? m[1] : f.split('/').slice(0,4).join('/'); byPkg[k] = (byPkg[k]||0) + v.bytesInOutput; }
console.log(Object.entries(byPkg).sort((a,b)=>b[1]-a[1]).slice(0,30).map(([k,v])=>`${(v/1024).toFixed(1)}K ${k}`).join('\n'));
