import type { IncomingMessage, ServerResponse } from 'node:http';
import { ruruHTML, type RuruServerConfig } from 'ruru/server';
import { getStaticFile } from 'ruru/static';

/** Where the explorer's own scripts are served from: no CDN, so it works offline. */
export const EXPLORER_STATIC_PATH = '/graphql/explorer/';

const DEFAULT_QUERY = `# Welcome to the partner directory of the Modellregion Integration Wetzlar.
# Who sits in Fachforum III?
query WhoSitsInForumIII {
  forum(code: "III") {
    name
    topic
    members(first: 20) {
      totalCount
      edges { role node { name kind level } }
    }
  }
}
`;

let html: string | undefined;

export function explorerHtml(): string {
  html ??= ruruHTML({
    endpoint: '/graphql',
    staticPath: EXPLORER_STATIC_PATH,
    clientConfig: { defaultQuery: DEFAULT_QUERY } as RuruServerConfig['clientConfig'],
  });
  return html;
}

/** Serves a static file of the explorer; false when the path is not one. */
export async function serveExplorerAsset(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> {
  const file = await getStaticFile({
    staticPath: EXPLORER_STATIC_PATH,
    urlPath: pathname,
    acceptEncoding: req.headers['accept-encoding'],
    disallowDevAssets: true,
  });
  if (!file) return false;
  res.writeHead(200, { ...file.headers, 'cache-control': 'public, max-age=86400' });
  res.end(file.content);
  return true;
}
