import { defineConfig } from 'vite';
import { embedConfig } from './embed.config.ts';

export default defineConfig(embedConfig('lib'));
