// The share button's own words, English and Chinese.
import type { ShareProblem } from './codec';

const en = {
  copyLink: 'Copy link',
  share: 'Share',
  linkLabel: 'Share link',
  copied: 'Link copied. Anyone who opens it sees this moment: the same pods at the same time.',
  copyByHand: 'Copy this link:',
  tooBig: (kb: number) => `This session is too long for a link (${kb} KB; links hold up to 16 KB). Download it as a file and send that instead.`,
  download: 'Download share file',
  openFile: 'Open share file',
  dropHint: 'or drop a share file here',
  opened: (time: string) => `Opened a shared session at ${time}. Your own files are kept; the shared text is in shared.yaml.`,
  problems: {
    oversized: 'This share link is too long to open (links hold up to 16 KB).',
    damaged: 'This share link is damaged or incomplete: was it cut off when it was copied?',
    malformed: 'This is not a CloneSet Playground share link.',
    'unknown-version': 'This share link was made by a newer version of the playground.',
    seed: 'This share link was made with another cluster seed than this page uses.',
    file: 'This file is not a share file.',
    lesson: 'This share link belongs to another page (another lesson, or the free playground): open it there.',
  } satisfies Record<ShareProblem | 'seed' | 'file' | 'lesson', string>,
  nothingChanged: 'Nothing was changed.',
  dismiss: 'Dismiss',
  close: 'Close',
};

export type ShareStrings = typeof en;

const zh: ShareStrings = {
  copyLink: '复制链接',
  share: '分享',
  linkLabel: '分享链接',
  copied: '链接已复制。打开它的人会看到此刻：同样的 Pod、同样的时间。',
  copyByHand: '请复制此链接：',
  tooBig: (kb: number) => `此会话太长，无法放进链接（${kb} KB；链接最多 16 KB）。请下载为文件后发送。`,
  download: '下载分享文件',
  openFile: '打开分享文件',
  dropHint: '或把分享文件拖到这里',
  opened: (time: string) => `已打开分享的会话（${time}）。你自己的文件都保留着；分享的文本在 shared.yaml 中。`,
  problems: {
    oversized: '此分享链接太长，无法打开（链接最多 16 KB）。',
    damaged: '此分享链接已损坏或不完整：复制时被截断了吗？',
    malformed: '这不是 CloneSet Playground 的分享链接。',
    'unknown-version': '此分享链接由更新版本的 Playground 生成。',
    seed: '此分享链接使用的集群种子与本页不同。',
    file: '此文件不是分享文件。',
    lesson: '此分享链接属于另一个页面（另一课或自由练习场），请在那里打开。',
  },
  nothingChanged: '没有任何改动。',
  dismiss: '关闭提示',
  close: '关闭',
};

export const SHARE_STRINGS: Record<'en' | 'zh', ShareStrings> = { en, zh };
