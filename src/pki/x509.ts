/**
 * The one entry point to @peculiar/x509 in k8ts: it installs the Reflect metadata subset the library needs before
 * the library is evaluated (ES modules evaluate their imports in source order), then re-exports it.
 */
import './reflect-metadata.js';

export * from '@peculiar/x509';
