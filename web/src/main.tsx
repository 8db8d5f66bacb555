import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { Provider } from 'urql';
import { App } from './App';
import { I18nProvider } from './i18n/i18n';
import { client } from './lib/client';
import { ViewerProvider } from './lib/viewer';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Provider value={client}>
      <I18nProvider>
        <BrowserRouter>
          <ViewerProvider>
            <App />
          </ViewerProvider>
        </BrowserRouter>
      </I18nProvider>
    </Provider>
  </StrictMode>,
);
