// monaco-yaml's language worker, bundled by Vite through a `?worker` import (see monaco.ts).
import 'monaco-yaml/yaml.worker.js';
