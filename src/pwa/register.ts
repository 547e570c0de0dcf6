// Installs the service worker (the site works offline after the first visit). The worker file
// sits at the root of the build; this module sits in assets/, one folder below it, so the site
// works from any sub-path. (Under the dev server there is no sw.js: registering fails, quietly.)
if ('serviceWorker' in navigator && (location.protocol === 'https:' || location.hostname === 'localhost' || location.hostname === '127.0.0.1')) {
  addEventListener('load', () => {
    navigator.serviceWorker.register(new URL(/* @vite-ignore */ '../sw.js', import.meta.url)).catch(() => {
      // no offline copy this time; the site works as before
    });
  });
}
