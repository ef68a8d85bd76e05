/**
 * Okabe–Ito colours: distinguishable with every common colour-vision deficiency, and in greyscale
 * print by lightness (blue is dark, orange and sky light).
 */
export const PALETTE = {
  reached: '#0072B2',
  dropped: '#D55E00',
  neutral: '#999999',
  comparison: '#E69F00',
  accent: '#009E73',
} as const;
