import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router-dom';
import { keepAnswers } from './api/answer-cache';
import { ApiError } from './api/client';
import { AuthProvider, storedUserId } from './auth';
import { ErrorBoundary } from './components/ErrorBoundary';
import { router } from './router';
import './styles.css';

// The entry holds only what every page needs (React, the router, the query cache, the session). The
// component library, its zh-CN locale and dayjs's come with the signed-in frame (components/Shell),
// so the login page is a small download on a slow phone.
const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A missing endpoint or a 4xx will not heal by asking again.
      retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 1,
      staleTime: 5_000,
      refetchOnWindowFocus: false,
    },
  },
});
keepAnswers(queryClient, storedUserId);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary>
      <QueryClientProvider client={queryClient}>
        <AuthProvider>
          <RouterProvider router={router} />
        </AuthProvider>
      </QueryClientProvider>
    </ErrorBoundary>
  </StrictMode>,
);
