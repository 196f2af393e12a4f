// Copy the front-end files the web UI uses from an npm install into static/vendor.
//
//   node copy-vendor.mjs <node_modules dir> <vendor dir>
//
// The list of files is the "vendor" map of package.json (target name -> path inside
// node_modules), so the packages and the files taken from them are declared in one place.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const [modules, target] = process.argv.slice(2);
if (!modules || !target) {
  console.error("usage: node copy-vendor.mjs <node_modules dir> <vendor dir>");
  process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));
const pkg = JSON.parse(readFileSync(join(here, "package.json"), "utf8"));
mkdirSync(target, { recursive: true });
const copied = {};
for (const [name, source] of Object.entries(pkg.vendor)) {
  copyFileSync(join(modules, source), join(target, name));
  const owner = source.split("/")[0];
  copied[name] = `${owner}@${pkg.dependencies[owner]}`;
}
// What was copied from which package version, for the pages' "about" footer and audits.
writeFileSync(join(target, "manifest.json"), JSON.stringify(copied, null, 2) + "\n");
console.log(`copied ${Object.keys(copied).length} files into ${target}`);
