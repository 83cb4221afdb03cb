export * from './corporate-actions';
export * from './datasets';
