// Module resolve hook of the local demo (registered by ./route-table.ts): a module imported as
// `…?route=<name>` passes that query on to the project files it imports, so each route gets a
// module graph of its own (its own Logger and Tracer, its own cold start), as each Lambda
// function has its own process. Packages under node_modules stay shared.
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  const parent = context.parentURL;
  if (
    parent === undefined ||
    !parent.startsWith('file:') ||
    !resolved.url.startsWith('file:') ||
    resolved.url.includes('/node_modules/')
  ) {
    return resolved;
  }
  const route = new URL(parent).searchParams.get('route');
  if (route === null) return resolved;
  const url = new URL(resolved.url);
  url.searchParams.set('route', route);
  return { ...resolved, url: url.href };
}
