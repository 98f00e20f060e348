#!/usr/bin/env python3
"""Derive the test fixtures the build needs from OpenAI's OpenAPI specification.

The tests must run from this repository alone, so what they take from the specification is
written into test resources by this script and committed:

  spec/operations.json  the 23 Assistants operations: method, path, query parameters, request and
                        response schema, and the specification's own example (request path and
                        body from the curl sample, response body)
  spec/storage-operations.json
                        the same for the Files, Uploads and Vector stores operations that
                        Assistants apps use for file_search (multipart requests have no JSON body)
  spec/schemas.json     every schema those operations reach, reduced to its property tree

Run it again when the specification changes:

  python3 scripts/derive-spec-fixtures.py [path/to/openapi.yaml]

It needs PyYAML (python3-yaml).
"""
import json
import re
import shlex
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SPEC = ROOT.parent / 'shared' / 'openai-spec' / 'openapi.yaml'
OUT = ROOT / 'assistants-api' / 'src' / 'test' / 'resources' / 'spec'
STREAM_EVENTS = ['AssistantStreamEvent']
ASSISTANTS_TAGS = ['Assistants']
STORAGE_TAGS = ['Files', 'Uploads', 'Vector stores']


def ref_name(node):
    return node['$ref'].rsplit('/', 1)[1]


def reduce(node, schemas, reached):
    """Reduce a schema to what the model must mirror: properties, items, variants, constants."""
    if '$ref' in node:
        name = ref_name(node)
        if name not in reached:
            reached[name] = None
            reached[name] = reduce(schemas[name], schemas, reached)
        return {'ref': name}
    out = {}
    for key in ('anyOf', 'oneOf'):
        if key in node:
            variants = [reduce(v, schemas, reached) for v in node[key]]
            variants = [v for v in variants if v]
            if variants:
                out['variants'] = variants
    if 'allOf' in node:
        parts = [p for p in (reduce(part, schemas, reached) for part in node['allOf']) if p]
        if len(parts) == 1 and 'properties' not in node:
            out.update(parts[0])
        else:
            for part in parts:
                part = reached[part['ref']] if 'ref' in part else part
                out.setdefault('properties', {}).update(part.get('properties', {}))
    if 'properties' in node:
        props = out.setdefault('properties', {})
        for name, prop in node['properties'].items():
            props[name] = reduce(prop, schemas, reached)
        out['required'] = node.get('required', [])
    if 'items' in node:
        out['items'] = reduce(node['items'], schemas, reached)
    if isinstance(node.get('additionalProperties'), dict):
        out['map'] = reduce(node['additionalProperties'], schemas, reached)
    if 'enum' in node and node.get('type') == 'string':
        out['enum'] = [v for v in node['enum'] if v is not None]
    return out


def curl_example(curl):
    """The path and JSON body of a curl sample."""
    # one sample (createVectorStoreFileBatch) leaves a header's quotes open
    curl = re.sub(r'"Content-Type: application/json \\\n', '"Content-Type: application/json" \\\n', curl)
    args = shlex.split(curl.replace('\\\n', ' '))
    url = next(a for a in args if a.startswith('http'))
    path = re.sub(r'^https://api\.openai\.com/v1', '', url)
    body = None
    for flag, value in zip(args, args[1:]):
        if flag in ('-d', '--data'):
            body = example_response(value) if value.strip() else {}
    return path, body


def example_response(text):
    """A response example: JSON, or the JavaScript-like object literal some examples are written in."""
    if not text or not text.strip():
        return None
    try:
        return json.loads(text)
    except ValueError:
        return yaml.safe_load(text)


def derive_operations(spec, schemas, reached, tags):
    operations = {}
    for path, item in spec['paths'].items():
        for method, op in item.items():
            if not isinstance(op, dict) or not set(tags) & set(op.get('tags', [])):
                continue
            request = None
            content = op.get('requestBody', {}).get('content', {})
            if 'application/json' in content:
                request = reduce(content['application/json']['schema'], schemas, reached)['ref']
            elif 'multipart/form-data' in content:
                request = reduce(content['multipart/form-data']['schema'], schemas, reached)['ref']
            response_schema = op['responses']['200']['content']['application/json']['schema']
            response = reduce(response_schema, schemas, reached).get('ref')
            query = [p['name'] for p in op.get('parameters', []) if p['in'] == 'query']
            examples = op.get('x-oaiMeta', {}).get('examples', [])
            example = examples[0] if isinstance(examples, list) else examples
            example_path, example_body = curl_example(example['request']['curl'])
            operations[op['operationId']] = {
                'method': method.upper(),
                'path': path,
                'query': query,
                'requestContentType': next(iter(content), None),
                'requestSchema': request,
                'responseSchema': response,
                'example': {
                    'path': example_path,
                    'requestBody': example_body,
                    'responseBody': example_response(example.get('response')),
                },
            }
    return operations


def main():
    spec_path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SPEC
    spec = yaml.safe_load(spec_path.read_text())
    schemas = spec['components']['schemas']
    reached = {}
    operations = derive_operations(spec, schemas, reached, ASSISTANTS_TAGS)
    storage = derive_operations(spec, schemas, reached, STORAGE_TAGS)
    for name in STREAM_EVENTS:
        reduce({'$ref': '#/components/schemas/' + name}, schemas, reached)
    OUT.mkdir(parents=True, exist_ok=True)
    source = {'spec': spec_path.name, 'version': spec['info']['version']}
    (OUT / 'operations.json').write_text(
        json.dumps({'source': source, 'operations': operations}, indent=2, sort_keys=True) + '\n')
    (OUT / 'storage-operations.json').write_text(
        json.dumps({'source': source, 'operations': storage}, indent=2, sort_keys=True) + '\n')
    (OUT / 'schemas.json').write_text(
        json.dumps({'source': source, 'schemas': reached}, indent=2, sort_keys=True) + '\n')
    print(f'{len(operations)} + {len(storage)} operations, {len(reached)} schemas -> {OUT.relative_to(ROOT)}')


if __name__ == '__main__':
    main()
