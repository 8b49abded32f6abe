/**
 * The hub's entry: the handshake with the portal, then the page. Everything else lives in `components/`,
 * `hooks/` and `services/`.
 */
import 'azure-devops-ui/Core/override.css';
import './hub.css';
import * as SDK from 'azure-devops-extension-sdk';
import { createRoot, type Root } from 'react-dom/client';
import { Surface, SurfaceBackground } from 'azure-devops-ui/Surface';
import { errorText } from '../../core/guard/errors';
import { App } from './components/App';
import { BootFailure } from './components/BootFailure';
import { CrashBoundary } from './components/CrashBoundary';
import { connectToHost } from './services/host';

async function main(): Promise<void> {
  // The portal shows its spinner until it hears, once, that the page loaded or failed: never both, never
  // neither, whatever fails on the way.
  let told = false;
  const tell = (notify: () => Promise<void>) => {
    if (told) return;
    told = true;
    void notify();
  };
  const failed = (error: unknown) => {
    // The details of a bug of ours go to the console, where the page's message sends the user.
    console.error(error);
    tell(() => SDK.notifyLoadFailed(errorText(error)));
  };
  let root: Root | undefined;
  try {
    // `loaded: false` keeps the portal's spinner up until the first render; the theme follows the portal's.
    await SDK.init({ loaded: false, applyTheme: true });
    root = createRoot(document.getElementById('root') as HTMLElement);
    const services = await connectToHost();
    root.render(
      <Surface background={SurfaceBackground.neutral}>
        <CrashBoundary onCrash={failed}>
          <App services={services} onFirstRender={() => tell(() => SDK.notifyLoadSucceeded())} />
        </CrashBoundary>
      </Surface>,
    );
  } catch (error) {
    root?.render(<BootFailure error={error} />);
    failed(error);
  }
}

void main();
