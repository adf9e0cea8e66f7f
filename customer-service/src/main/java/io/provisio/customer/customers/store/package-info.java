/** Customer documents in MongoDB, unique account name per partner. */
package io.provisio.customer.customers.store;
