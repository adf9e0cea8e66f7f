// The partner's customers as a tree, built in the browser from the pages of GET /api/v1/customers (ADR 028): each
// customer names its parent (parentCustomerId), so one pass over the list places every node. No DOM here, so the
// Node tests can check it.

/**
 * The roots of the hierarchy, each {customer, children[]}, in the order the list came (the API sorts by account
 * name). A customer whose parent is not in the list (not loaded, or not visible to this partner) is shown as a root
 * rather than lost. A cycle cannot occur (a parent exists before its child is onboarded), and would not loop here
 * either: every node is placed once.
 */
export function buildTree(customers) {
  const nodes = new Map(customers.map((customer) => [customer.id, { customer, children: [] }]));
  const roots = [];
  for (const node of nodes.values()) {
    const parent = node.customer.parentCustomerId ? nodes.get(node.customer.parentCustomerId) : null;
    if (parent && parent !== node) {
      parent.children.push(node);
    } else {
      roots.push(node);
    }
  }
  return roots;
}

/** How many customers sit below a node, at any depth. */
export function descendants(node) {
  return node.children.reduce((count, child) => count + 1 + descendants(child), 0);
}

/** The ids on the way from a root down to {@code id}, the node itself last; empty when it is not in the tree. */
export function pathTo(roots, id) {
  for (const node of roots) {
    if (node.customer.id === id) {
      return [id];
    }
    const below = pathTo(node.children, id);
    if (below.length > 0) {
      return [node.customer.id, ...below];
    }
  }
  return [];
}
