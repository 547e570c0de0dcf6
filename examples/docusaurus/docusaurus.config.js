// A minimal Docusaurus 3 site in English and Chinese: one MDX page with two playgrounds.
/** @type {import('@docusaurus/types').Config} */
const config = {
  title: 'CloneSet Playground in Docusaurus',
  tagline: 'Two <cloneset-playground> widgets in an MDX page',
  url: 'http://localhost',
  baseUrl: '/',
  onBrokenLinks: 'throw',
  i18n: {
    defaultLocale: 'en',
    locales: ['en', 'zh-Hans'],
    localeConfigs: { en: { label: 'English' }, 'zh-Hans': { label: '简体中文', htmlLang: 'zh-Hans' } },
  },
  presets: [
    [
      'classic',
      /** @type {import('@docusaurus/preset-classic').Options} */
      ({
        docs: { routeBasePath: '/', sidebarPath: false },
        blog: false,
        pages: false,
      }),
    ],
  ],
  themeConfig: {
    colorMode: { defaultMode: 'light', respectPrefersColorScheme: false },
    navbar: {
      title: 'CloneSet',
      items: [{ type: 'localeDropdown', position: 'right' }],
    },
  },
};

export default config;
