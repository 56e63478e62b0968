export { Dashboard } from './Dashboard';
export { HealthCard } from './HealthCard';
export { SignedInCard } from './SignedInCard';
