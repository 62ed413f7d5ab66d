/** Pictures of synthesized stacks (internal: the `ai-infra diagram` command and the demo use them). */
export { diagramModel, DiagramModel, DiagramOptions } from './model';
export { toDot, dotString } from './dot';
export { renderSvg, diagramOf } from './render';
