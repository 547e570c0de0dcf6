import { mount } from 'svelte';
import lessons from 'virtual:course';
import WorkshopPage from './WorkshopPage.svelte';
import '../theme.css';

const target = document.getElementById('app');
if (!target) throw new Error('missing #app');
mount(WorkshopPage, { target, props: { lessons } });
