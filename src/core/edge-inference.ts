/**
 * A small ONNX Runtime HTTP service run by the edge component: POST a JSON list of inputs to /predict,
 * get the outputs back. Kept free of single quotes so it fits in `python3 -c '...'`.
 */
export function edgeInferenceScript(): string {
  return [
    'import json, sys, http.server, numpy as np, onnxruntime as ort',
    'session = ort.InferenceSession(sys.argv[1])',
    'name = session.get_inputs()[0].name',
    'class H(http.server.BaseHTTPRequestHandler):',
    '    def do_POST(self):',
    '        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))',
    '        out = session.run(None, {name: np.asarray(body, dtype=np.float32)})',
    '        data = json.dumps([o.tolist() for o in out]).encode()',
    '        self.send_response(200); self.send_header("Content-Type", "application/json"); self.end_headers(); self.wfile.write(data)',
    'http.server.HTTPServer(("127.0.0.1", int(sys.argv[2])), H).serve_forever()',
  ].join('\n');
}
