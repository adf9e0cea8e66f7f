/** Keeps a partner's drafts: create, read, replace at a known version, delete; always scoped by partner. */
package io.provisio.customer.drafts.application;
