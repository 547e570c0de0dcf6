import { mount } from 'svelte';
import Playground from './Playground.svelte';
import '../theme.css';

const target = document.getElementById('app');
if (!target) throw new Error('missing #app');
mount(Playground, { target });
