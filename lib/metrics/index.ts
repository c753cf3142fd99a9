export * from './summary';
export * from './time';
