// The production server that `npm start` runs: the self-contained build in
// .next/standalone (made by `npm run build`), with graceful shutdown on.
// Next.js's standalone server changes into its own folder first, so the data
// directory is made absolute here, relative to where Parley was started.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { appendPeerAddresses } from "../lib/http/peer-address.mjs";

const dataDir = process.env.PARLEY_DATA_DIR || ".data";
process.env.PARLEY_DATA_DIR = dataDir === "memory://" ? dataDir : path.resolve(dataDir);
process.env.NEXT_MANUAL_SIG_HANDLE ||= "true";
// Before the server listens, so no request's address comes only from its own headers.
appendPeerAddresses();
await import(pathToFileURL(path.resolve(".next/standalone/server.js")).href);
