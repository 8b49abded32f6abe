/**
 * The hub's entry: the handshake with the portal, then the page. Everything else lives in `components/`,
 * `hooks/` and `services/`.
 */
import 'azure-devops-ui/Core/override.css';
import './hub.css';
import * as SDK from 'azure-devops-extension-sdk';
import { createRoot } from 'react-dom/client';
import { Surface, SurfaceBackground } from 'azure-devops-ui/Surface';
import { App } from './components/App';
import { BootFailure } from './components/BootFailure';
import { connectToHost } from './services/host';

async function main(): Promise<void> {
  // `loaded: false` keeps the portal's spinner up until the first render; the theme follows the portal's.
  await SDK.init({ loaded: false, applyTheme: true });
  const root = createRoot(document.getElementById('root') as HTMLElement);
  const notified = { done: false };
  const loaded = () => {
    if (notified.done) return;
    notified.done = true;
    void SDK.notifyLoadSucceeded();
  };
  try {
    const services = await connectToHost();
    root.render(
      <Surface background={SurfaceBackground.neutral}>
        <App services={services} onFirstRender={loaded} />
      </Surface>,
    );
  } catch (error) {
    root.render(<BootFailure error={error} />);
    void SDK.notifyLoadFailed(error instanceof Error ? error.message : String(error));
  }
}

void main();
