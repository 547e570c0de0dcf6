// The site's service worker: every file of the build is cached when it installs, so after the
// first visit the site (Monaco and its workers included) works with the network off. Files are
// served from the cache of this build; a new build is a new worker with a new cache, and the
// old cache goes when it activates. Only GET requests of this site's own files are answered.
// The build (src/pwa/pwaPlugin.ts) puts the file list and the build's version in place of
// PRECACHE and VERSION below.
/* global PRECACHE, VERSION */
const CACHE = `cloneset-playground-${VERSION}`;
const scope = new URL(self.registration.scope);

/** The cache key of a request: a folder means its index.html, queries and fragments do not count. */
function keyOf(url) {
  const u = new URL(url);
  u.search = '';
  u.hash = '';
  if (u.pathname.endsWith('/')) u.pathname += 'index.html';
  return u.href;
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE.map((file) => new URL(file, scope).href)))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('cloneset-playground-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return;
  event.respondWith(
    caches.open(CACHE).then(async (cache) => {
      const cached = await cache.match(keyOf(request.url));
      if (cached) return cached;
      try {
        return await fetch(request);
      } catch (error) {
        // offline and not in the build: a page folder without its slash still finds its index.html
        const page = request.mode === 'navigate' ? await cache.match(keyOf(`${url.origin}${url.pathname}/`)) : undefined;
        if (page) return page;
        throw error;
      }
    }),
  );
});
