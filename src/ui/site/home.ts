import { mount } from 'svelte';
import cards from 'virtual:course-index';
import Home from './Home.svelte';
import '../theme.css';

const target = document.getElementById('app');
if (!target) throw new Error('missing #app');
mount(Home, { target, props: { cards } });
