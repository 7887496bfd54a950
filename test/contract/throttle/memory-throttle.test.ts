import { memoryLoginThrottle } from '../../../src/adapters/throttle/rate-limiter-throttle.js';
import { loginThrottleContract } from './login-throttle.contract.js';

loginThrottleContract('memory', (policy) => memoryLoginThrottle(policy));
