import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes } from 'react-router';
import { FeedbackProvider } from './common/feedback.tsx';
import { Loading } from './common/ui.tsx';
import { I18nProvider } from './i18n/index.tsx';
import './common/styles.css';

// Three apps in one build, each its own chunk: buyer at /, consoles at /merchant and /ops.
const BuyerApp = lazy(() => import('./buyer/BuyerApp.tsx'));
const MerchantApp = lazy(() => import('./merchant/MerchantApp.tsx'));
const OpsApp = lazy(() => import('./ops/OpsApp.tsx'));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <BrowserRouter>
        <FeedbackProvider>
          <Suspense fallback={<Loading />}>
            <Routes>
              <Route path="/merchant/*" element={<MerchantApp />} />
              <Route path="/ops/*" element={<OpsApp />} />
              <Route path="/*" element={<BuyerApp />} />
            </Routes>
          </Suspense>
        </FeedbackProvider>
      </BrowserRouter>
    </I18nProvider>
  </StrictMode>,
);
