// The few Mocha globals the tests use (web-test-runner provides Mocha; @types/mocha is not installed).
type MochaDone = () => void | Promise<void>;
declare function describe(title: string, body: () => void): void;
declare function it(title: string, body: MochaDone): void;
declare function beforeEach(body: MochaDone): void;
declare function afterEach(body: MochaDone): void;
