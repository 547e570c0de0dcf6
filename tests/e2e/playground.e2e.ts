import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser } from './browser';

// The seed post's three demonstrations, done by hand in the playground page: in-place update
// keeps the names and bumps RESTARTS, partition 3 of 5 updates exactly 2, and paused with
// replicas 10 creates 5 pods at the new revision while the old ones stay as they were.
const nginx2 = (o: { image: string; replicas?: number; partition?: number; paused?: boolean }) => `apiVersion: apps.kruise.io/v1alpha1
kind: CloneSet
metadata:
  name: nginx-2
  labels:
    app: nginx-2
spec:
  replicas: ${o.replicas ?? 5}
  selector:
    matchLabels:
      app: nginx-2
  template:
    metadata:
      labels:
        app: nginx-2
    spec:
      containers:
      - name: nginx
        image: ${o.image}
        volumeMounts:
        - name: data-vol
          mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
  - metadata:
      name: data-vol
    spec:
      accessModes: ["ReadWriteOnce"]
      resources:
        requests:
          storage: 20Gi
  updateStrategy:
    type: InPlaceIfPossible
    inPlaceUpdateStrategy:
      gracePeriodSeconds: 10
${o.partition !== undefined ? `    partition: ${o.partition}\n` : ''}${o.paused ? '    paused: true\n' : ''}`;

interface PodAttrs {
  name: string;
  revision: string;
  restarts: string;
  phase: string;
  ready: string;
  node: string;
  ip: string;
}

export const shots = mkdtempSync(join(tmpdir(), 'playground-shots-'));

/**
 * Replaces the editor's text: selects all in the `CloneSet YAML` textbox (Monaco's, or the plain
 * text area it starts as) and pastes, as a learner would.
 */
async function setYaml(page: Page, text: string): Promise<void> {
  const box = page.getByRole('textbox', { name: 'CloneSet YAML' });
  await box.focus();
  await page.keyboard.press('ControlOrMeta+a');
  await box.evaluate((el, t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
  // the plain text area has no paste handler of its own: fill it directly
  if ((await box.evaluate((el) => el.closest('.monaco-editor') === null)) && (await box.inputValue()) !== text) await box.fill(text);
}

async function applyAndSettle(page: Page, text: string): Promise<void> {
  await setYaml(page, text);
  await page.getByRole('button', { name: 'Apply', exact: true }).click();
  await page.getByRole('button', { name: 'Skip to rest' }).click();
}

async function pods(page: Page): Promise<PodAttrs[]> {
  return page.getByRole('list', { name: 'Pods' }).getByRole('listitem').evaluateAll((items) =>
    items.map((el) => {
      const d = (el as HTMLElement).dataset;
      return { name: d.pod ?? '', revision: d.revision ?? '', restarts: d.restarts ?? '', phase: d.phase ?? '', ready: d.ready ?? '', node: d.node ?? '', ip: d.ip ?? '' };
    }),
  );
}

async function statusField(page: Page, field: string): Promise<string> {
  return (await page.getByRole('table', { name: 'CloneSet status' }).locator(`tr[data-field="${field}"] td`).first().textContent())?.trim() ?? '';
}

describe('playground page', () => {
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(new URL('playground/', inject('baseUrl')).href);
    await page.getByRole('list', { name: 'Pods' }).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the controls, regions and lists by their accessible names', async () => {
    for (const name of ['Play', 'Step', 'Skip to rest', 'Apply']) await expect(page.getByRole('button', { name, exact: true }).count()).resolves.toBe(1);
    await expect(page.getByRole('slider', { name: 'Speed' }).count()).resolves.toBe(1);
    await expect(page.getByRole('slider', { name: 'Timeline' }).count()).resolves.toBe(1);
    await expect(page.getByLabel('Virtual time').textContent()).resolves.toBe('0.0 s');
    await expect(page.getByRole('region', { name: 'Terminal' }).count()).resolves.toBe(1);
    await expect(page.getByRole('region', { name: 'Why' }).count()).resolves.toBe(1);
    await expect(page.getByRole('list', { name: 'Events' }).count()).resolves.toBe(1);
    await expect(page.getByRole('table', { name: 'CloneSet status' }).count()).resolves.toBe(1);
  });

  let firstNames: string[] = [];

  it('A: an in-place update keeps the 5 pod names and RESTARTS goes 0 → 1', async () => {
    await applyAndSettle(page, nginx2({ image: 'nginx:alpine' }));
    const before = await pods(page);
    expect(before).toHaveLength(5);
    expect(before.every((p) => p.restarts === '0' && p.ready === 'true' && p.phase === 'Running' && p.ip !== '' && p.node !== '')).toBe(true);
    firstNames = before.map((p) => p.name).sort();
    await page.screenshot({ path: join(shots, 'a-before.png') });

    await applyAndSettle(page, nginx2({ image: 'nginx' }));
    const after = await pods(page);
    expect(after.map((p) => p.name).sort()).toEqual(firstNames);
    expect(after.map((p) => p.restarts)).toEqual(['1', '1', '1', '1', '1']);
    expect(new Set(after.map((p) => p.revision)).size).toBe(1);
    expect(after[0].revision).not.toBe(before[0].revision);
    expect(after.map((p) => p.ip).sort()).toEqual(before.map((p) => p.ip).sort());
    expect(await statusField(page, 'UPDATED')).toBe('5');
    expect(await page.getByRole('listitem', { name: new RegExp(`^${firstNames[0]}`) }).count()).toBe(1);
    await page.screenshot({ path: join(shots, 'a-after.png') });
  });

  it('explains a selected pod from the controller’s own records', async () => {
    await page.getByRole('list', { name: 'Pods' }).getByRole('button', { name: new RegExp(`^${firstNames[0]}`) }).click();
    const why = page.getByRole('region', { name: 'Why' });
    await expect(why.locator('[data-rule="updateInPlace"]').count()).resolves.toBeGreaterThan(0);
    await expect(why.textContent()).resolves.toContain('updated in place');
  });

  it("draws the selected pod's kubelet machines, the container's delays labelled as delays", async () => {
    const model = page.getByRole('region', { name: 'Model' });
    await expect(model.getByRole('img', { name: `pod ${firstNames[0]}: active` }).count()).resolves.toBe(1);
    await expect(model.getByRole('img', { name: 'container nginx: running.ready' }).count()).resolves.toBe(1);
    const labels = await model.locator('.edge-label').allTextContents();
    expect(labels).toEqual(expect.arrayContaining(['after pull', 'after start', 'after stop', 'after podResync', 'RETRY', 'DELETE']));
    expect(labels.filter((l) => l.startsWith('DELAY'))).toEqual([]);
    await model.screenshot({ path: join(shots, 'model.png') });
  });

  it('B: partition 3 of 5 → exactly 2 pods on the new revision', async () => {
    await applyAndSettle(page, nginx2({ image: 'nginx:1.19.6-alpine', partition: 3 }));
    const now = await pods(page);
    expect(now.map((p) => p.name).sort()).toEqual(firstNames);
    const updateRevision = await statusField(page, 'updateRevision');
    expect(now.filter((p) => p.revision === updateRevision)).toHaveLength(2);
    expect(now.filter((p) => p.revision !== updateRevision)).toHaveLength(3);
    expect(await statusField(page, 'UPDATED')).toBe('2');
    expect(await page.getByTestId('partition-divider').textContent()).toContain('partition 3');
    await page.screenshot({ path: join(shots, 'b-partition.png') });
  });

  it('C: paused with replicas 10 → 5 new pods at the new revision, the old 5 untouched', async () => {
    const before = await pods(page);
    await applyAndSettle(page, nginx2({ image: 'nginx:1.18.0', replicas: 10, paused: true }));
    const now = await pods(page);
    expect(now).toHaveLength(10);
    const updateRevision = await statusField(page, 'updateRevision');
    const fresh = now.filter((p) => !firstNames.includes(p.name));
    expect(fresh).toHaveLength(5);
    expect(fresh.every((p) => p.revision === updateRevision && p.restarts === '0')).toBe(true);
    const old = now.filter((p) => firstNames.includes(p.name));
    expect(old).toEqual(before);
    await expect(page.getByTestId('paused-banner').count()).resolves.toBe(1);
    await page.screenshot({ path: join(shots, 'c-paused.png') });
  });

  it('scrubs the timeline back to before the paused apply and forward again', async () => {
    const end = Number(await page.getByLabel('Virtual time').getAttribute('data-seconds'));
    const now = await pods(page);
    const timeline = page.getByRole('slider', { name: 'Timeline' });
    await timeline.fill('1');
    await expect.poll(() => page.getByLabel('Virtual time').textContent()).toBe('1.0 s');
    // pods that left (or changed lane) fade out: wait for the transitions to end
    await expect.poll(async () => (await pods(page)).length, { timeout: 5000 }).toBeLessThanOrEqual(5);
    await timeline.fill(String(end));
    await expect.poll(async () => pods(page), { timeout: 5000 }).toEqual(now);
  });

  it('clicking an event jumps the timeline to it', async () => {
    const events = page.getByRole('list', { name: 'Events' }).getByRole('listitem');
    const last = events.last();
    const time = Number(await last.getAttribute('data-time'));
    await last.getByRole('button').click();
    await expect.poll(async () => Number(await page.getByLabel('Virtual time').getAttribute('data-seconds'))).toBeCloseTo(time, 1);
  });

  it('plays, pauses, steps and runs kubectl in the terminal', async () => {
    await page.getByRole('slider', { name: 'Speed' }).fill('6');
    await page.getByRole('button', { name: 'Play' }).click();
    await expect(page.getByRole('button', { name: 'Pause' }).count()).resolves.toBe(1);
    await page.getByRole('button', { name: 'Pause' }).click();
    const t0 = Number(await page.getByLabel('Virtual time').getAttribute('data-seconds'));
    await page.getByRole('button', { name: 'Step' }).click();
    const t1 = Number(await page.getByLabel('Virtual time').getAttribute('data-seconds'));
    expect(t1).toBeGreaterThanOrEqual(t0);
    await page.getByRole('button', { name: 'Skip to rest' }).click();

    await page.getByRole('region', { name: 'Terminal' }).click();
    await page.keyboard.type('kubectl scale clone/nginx-2 --replicas=4');
    await page.keyboard.press('Enter');
    await expect.poll(async () => page.getByRole('region', { name: 'Terminal' }).textContent()).toContain('scaled');
    await page.getByRole('button', { name: 'Skip to rest' }).click();
    await expect.poll(async () => (await pods(page)).length).toBe(4);
  });

  it('switches to Chinese and dark, keeping the names in data-testid', async () => {
    await page.getByRole('button', { name: '中文' }).click();
    await expect(page.getByTestId('Play').textContent()).resolves.toContain('播放');
    await expect(page.getByTestId('Pods').getByRole('listitem').count()).resolves.toBe(4);
    await page.getByRole('button', { name: /主题/ }).click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await page.reload();
    await page.getByTestId('Pods').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await page.getByRole('button', { name: 'EN' }).click();
    expect(errors).toEqual([]);
  });

  it('fits a 390 px wide screen without sideways scrolling, light and dark', async () => {
    const small = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await small.goto(new URL('playground/', inject('baseUrl')).href);
    await small.getByRole('list', { name: 'Pods' }).waitFor();
    await small.evaluate(() => localStorage.removeItem('cloneset-playground.theme'));
    await small.reload();
    await small.getByRole('button', { name: 'Apply', exact: true }).click();
    await small.getByRole('button', { name: 'Skip to rest' }).click();
    await small.getByRole('list', { name: 'Pods' }).getByRole('button').first().click();
    const overflow = () => small.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await small.screenshot({ path: join(shots, 'mobile-light.png'), fullPage: true });
    await small.getByRole('button', { name: /Theme/ }).click();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await small.screenshot({ path: join(shots, 'mobile-dark.png'), fullPage: true });
    await small.close();
    // the reload above started a fresh cluster: the seed post's partition state again, for the picture
    await applyAndSettle(page, nginx2({ image: 'nginx:alpine' }));
    await applyAndSettle(page, nginx2({ image: 'nginx:1.19.6-alpine', partition: 3 }));
    await page.getByRole('list', { name: 'Pods' }).getByRole('button').first().click();
    await page.screenshot({ path: join(shots, 'desktop-dark.png'), fullPage: true });
    await page.getByRole('button', { name: /Theme/ }).click();
    await page.screenshot({ path: join(shots, 'desktop-light.png'), fullPage: true });
    expect(errors).toEqual([]);
  });
});
