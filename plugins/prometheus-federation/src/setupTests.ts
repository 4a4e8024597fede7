import '@testing-library/jest-dom';

// Page tests render hundreds of rows; a loaded 2-core CI machine needs more than Jest's 5 s.
jest.setTimeout(30_000);
