/**
 * The DOT text (Graphviz's graph language) of a diagram model: network and subnet boxes as `subgraph cluster_*`,
 * nodes coloured by pillar, edges styled by the path they carry. Every label is written as a quoted DOT string with
 * its quotes and backslashes escaped and `&` written as the entity `&amp;`, so a resource name can neither end the
 * string nor inject an escape sequence, an HTML-like label or an entity; Graphviz escapes `<`, `>` and `"` again
 * when it writes SVG text (https://graphviz.org/doc/info/lang.html, "escString" and "HTML strings").
 * Internal: not part of the jsii API.
 */
import { DiagramModel, DiagramNode, Pillar } from './model';

/** Fill colours per pillar. */
const PILLAR_COLOURS: Record<Pillar, string> = {
  compute: '#fde2c4',
  storage: '#d5ecd4',
  network: '#dbe8fb',
  serving: '#e7dcf3',
  monitoring: '#eeeeee',
  external: '#ffffff',
};

const EDGE_STYLES: Record<string, string> = {
  data: 'color="#2e7d32", penwidth=1.6',
  fabric: 'color="#e65100", penwidth=2.2, dir=both',
  traffic: 'color="#6a1b9a", penwidth=1.6',
  vpn: 'color="#1565c0", style=dashed, penwidth=1.6',
};

/** A DOT quoted string: `\` and `"` escaped, `&` as an entity, control characters dropped, lines joined by `\n`. */
export function dotString(lines: string[]): string {
  const escaped = lines.map((l) => l
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/&/g, '&amp;'));
  return `"${escaped.join('\\n')}"`;
}

/** The DOT text of a diagram. */
export function toDot(model: DiagramModel): string {
  const out: string[] = [
    'digraph platform {',
    `  graph [compound=true, rankdir=LR, fontname="Helvetica", fontsize=13, labelloc=t, nodesep=0.35, ranksep=0.7, label=${dotString(model.title)}];`,
    '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=10, penwidth=1.2, margin="0.25,0.1"];',
    '  edge [fontname="Helvetica", fontsize=9];',
  ];
  const writeBox = (parent: string | undefined, indent: string) => {
    for (const b of model.boxes.filter((x) => x.parent === parent)) {
      out.push(`${indent}subgraph cluster_${b.id} {`);
      out.push(`${indent}  label=${dotString(b.lines)}; style="rounded${b.kind === 'network' ? ',filled' : ',dashed'}"; fillcolor="#f4f8fe"; color="${b.kind === 'network' ? '#1565c0' : '#5c8fd6'}";`);
      writeBox(b.id, indent + '  ');
      for (const n of model.nodes.filter((x) => x.parent === b.id)) out.push(indent + '  ' + nodeLine(n));
      out.push(`${indent}}`);
    }
  };
  writeBox(undefined, '  ');
  for (const n of model.nodes.filter((x) => x.parent === undefined)) out.push('  ' + nodeLine(n));
  for (const e of model.edges) {
    const lhead = e.toBox ? `, lhead=cluster_${e.toBox}` : '';
    out.push(`  ${e.from} -> ${e.to} [label=${dotString([e.label])}, ${EDGE_STYLES[e.kind]}${lhead}];`);
  }
  // the legend: a swatch per pillar (one rank, stacked) and the edge colours
  out.push('  subgraph cluster_legend {');
  out.push('    label="legend"; style="rounded,dashed"; color="#9e9e9e"; fontsize=10;');
  out.push('    { rank=same;');
  for (const [pillar, colour] of Object.entries(PILLAR_COLOURS)) {
    out.push(`      legend_${pillar} [label=${dotString([pillar === 'external' ? 'outside the stack' : pillar])}, fillcolor="${colour}", fontsize=9${pillar === 'external' ? ', shape=oval, style="dashed"' : ''}];`);
  }
  out.push(`      legend_edges [shape=note, style="", fontsize=9, margin="0.3,0.1", label=${dotString(['edges', 'green: data', 'orange: fabric', 'purple: inference traffic', 'blue dashed: VPN'])}];`);
  out.push('    }');
  out.push('  }');
  out.push('}');
  return out.join('\n') + '\n';
}

function nodeLine(n: DiagramNode): string {
  const anchor = n.id.endsWith('anchor');
  // an empty box's anchor: invisible, so the box shows only its own label (name and range)
  const shape = n.pillar === 'external' ? ', shape=oval, style="dashed"' : anchor ? ', shape=point, style=invis, width=0.4' : '';
  return `${n.id} [label=${dotString(n.lines)}, fillcolor="${PILLAR_COLOURS[n.pillar]}"${shape}];`;
}
