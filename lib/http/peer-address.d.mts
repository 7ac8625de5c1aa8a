/** Appends each request's socket address to its X-Forwarded-For (see peer-address.mjs). */
export function appendPeerAddresses(): void;
