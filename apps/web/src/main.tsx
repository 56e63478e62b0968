import { startTransition, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';

const container = document.getElementById('root');
if (!container) throw new Error('The page has no #root element to render into.');

// The first render as a transition: React renders the app in slices of a few milliseconds, answering clicks and
// keys in between, rather than in one long task (issue 14: total blocking time).
const root = createRoot(container);
startTransition(() => {
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
