/**
 * Renders DOT text to SVG with Graphviz compiled to WebAssembly (`@viz-js/viz`, MIT, a bundled dependency of the
 * package: https://github.com/mdaines/viz-js). The wasm module loads asynchronously once; each render after that is
 * synchronous. Internal: the CLI and the demo call it; the library's jsii API does not expose it.
 */
import { toDot } from './dot';
import { diagramModel, DiagramOptions } from './model';

type Viz = { renderString(input: string, options: { format: string; engine?: string }): string };

let viz: Promise<Viz> | undefined;

/** The Graphviz instance, loaded on first use. */
function graphviz(): Promise<Viz> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  viz ??= (require('@viz-js/viz') as { instance(): Promise<Viz> }).instance();
  return viz;
}

/** SVG text of a DOT graph. Throws Graphviz's own message for DOT it cannot lay out. */
export async function renderSvg(dot: string): Promise<string> {
  return (await graphviz()).renderString(dot, { format: 'svg', engine: 'dot' });
}

/** The diagram of one synthesized stack, as SVG or DOT text. */
export async function diagramOf(doc: any, format: 'svg' | 'dot', options: DiagramOptions = {}): Promise<string> {
  const dot = toDot(diagramModel(doc, options));
  return format === 'dot' ? dot : renderSvg(dot);
}
