import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  isConfigMapKey,
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isEnvVarName,
  isQualifiedName,
  isValidLabelValue,
  isValidPortName,
} from './names.js';

const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

const cases: { name: string; fn: (v: string) => string[]; value: string; want: string[] }[] = [
  { name: 'subdomain ok', fn: isDNS1123Subdomain, value: 'example.com', want: [] },
  { name: 'subdomain upper', fn: isDNS1123Subdomain, value: 'Bad_Name', want: [SUBDOMAIN_MSG] },
  { name: 'subdomain too long', fn: isDNS1123Subdomain, value: 'a'.repeat(254), want: ['must be no more than 253 characters'] },
  { name: 'label ok', fn: isDNS1123Label, value: '123-abc', want: [] },
  { name: 'label dot', fn: isDNS1123Label, value: 'a.b', want: [LABEL_MSG] },
  { name: 'label 64', fn: isDNS1123Label, value: 'a'.repeat(64), want: ['must be no more than 63 characters'] },
  { name: 'dns1035 digit start', fn: isDNS1035Label, value: '1abc', want: [
    "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
  ] },
  { name: 'qualified ok', fn: isQualifiedName, value: 'app.kubernetes.io/name', want: [] },
  { name: 'qualified empty prefix', fn: isQualifiedName, value: '/name', want: ['prefix part must be non-empty'] },
  { name: 'qualified name too long', fn: isQualifiedName, value: 'a'.repeat(64), want: ['name part must be no more than 63 characters'] },
  { name: 'qualified bad name', fn: isQualifiedName, value: '-a', want: [
    "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
  ] },
  { name: 'qualified two slashes', fn: isQualifiedName, value: 'a/b/c', want: [
    "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
  ] },
  { name: 'label value empty ok', fn: isValidLabelValue, value: '', want: [] },
  { name: 'label value bad', fn: isValidLabelValue, value: 'a b', want: [
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
  ] },
  { name: 'config key ok', fn: isConfigMapKey, value: 'app.properties', want: [] },
  { name: 'config key dotdot', fn: isConfigMapKey, value: '..a', want: ["must not start with '..'"] },
  { name: 'env var digit', fn: isEnvVarName, value: '1A', want: [
    "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')",
  ] },
  { name: 'port name ok', fn: isValidPortName, value: 'http-2', want: [] },
  { name: 'port name digits only', fn: isValidPortName, value: '8080', want: ['must contain at least one letter (a-z)'] },
  { name: 'port name double hyphen', fn: isValidPortName, value: 'a--b', want: ['must not contain consecutive hyphens'] },
];

for (const c of cases) test(c.name, () => assert.deepEqual(c.fn(c.value), c.want));
