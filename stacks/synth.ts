/**
 * The entry point `cdktf synth` and `npm run synth` run (bundled into build/synth/app.js
 * by `npm run bundle:app`): builds the LiveStreamSell app and synthesizes every stack,
 * printing one line per stack.
 */
import './fast-synth';
import { buildApp } from './main';
import { synthWithReport } from './synth-report';

synthWithReport(buildApp());
