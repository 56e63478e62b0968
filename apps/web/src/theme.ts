import { defaultLightTheme, type RaThemeOptions } from 'react-admin';

/**
 * React-admin's light theme with calmer, darker blues: its default app bar blue
 * (#2196f3) gives white text too little contrast (3.1:1); these pass WCAG AA
 * comfortably (7:1 and more).
 */
export const theme: RaThemeOptions = {
  ...defaultLightTheme,
  palette: {
    ...defaultLightTheme.palette,
    primary: { main: '#1a5a96', contrastText: '#ffffff' },
    secondary: { main: '#1f3a5c', contrastText: '#ffffff' },
    // MUI's default error red (#d32f2f) gives a field label in error 4.4:1 on the
    // grey of a filled input; this one gives 4.9:1 there and 5.6:1 on white.
    error: { main: '#c62828', contrastText: '#ffffff' },
    background: { default: '#f6f7f9', paper: '#ffffff' },
  },
  typography: {
    ...defaultLightTheme.typography,
    fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  },
};
