// A lesson page: the build wrote the lesson's name and language on #app (and its text inside,
// readable before this script runs); the course comes bundled.
import { mount } from 'svelte';
import lessons from 'virtual:course';
import LessonPage from './LessonPage.svelte';
import '../theme.css';

const target = document.getElementById('app');
if (!target) throw new Error('missing #app');
const lang = target.dataset.lang === 'zh' ? 'zh' : 'en';
const lesson = lessons.find((l) => l.name === target.dataset.lesson);
if (lesson) {
  target.replaceChildren();
  mount(LessonPage, { target, props: { lessons, lesson, lang } });
}
