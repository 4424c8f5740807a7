// Jest only (setupFilesAfterEnv). The first render of a suite pays for module loading: on a busy CI
// machine that can pass RNTL's default 1 s, so async queries get more room (never a timing assertion).
import { configure } from '@testing-library/react-native';

configure({ asyncUtilTimeout: 5_000 });
