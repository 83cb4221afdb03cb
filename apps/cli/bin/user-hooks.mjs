// Module resolve hook for users' modules imported by the built CLI: `@algotrader/<pkg>` is the
// build's own module, so a plugin registers its strategy in the registry the CLI reads.
let map = {};

export function initialize(data) {
  map = data?.map ?? {};
}

export async function resolve(specifier, context, next) {
  const url = map[specifier];
  if (url) return { url, shortCircuit: true };
  return next(specifier, context);
}
