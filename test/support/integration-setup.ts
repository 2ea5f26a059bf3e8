// Real apps, real databases, child processes: generous per-test time (a project-level testTimeout
// is not honoured by Jest), while each test bounds its own waits.
jest.setTimeout(60_000);
