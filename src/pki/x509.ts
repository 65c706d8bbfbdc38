/**
 * The one entry point to @peculiar/x509 in k8ts: it loads the Reflect metadata polyfill the library needs before
 * the library is evaluated (ES modules evaluate their imports in source order), then re-exports it.
 */
import 'reflect-metadata';

export * from '@peculiar/x509';
