import {
  BadRequestException,
  Controller,
  HttpCode,
  HttpStatus,
  Inject,
  Logger,
  Param,
  PayloadTooLargeException,
  Post,
  Query,
  Req,
  Res,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiHeader, ApiOperation, ApiParam, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';

import { errorMessage } from '../common/error-message';
import { RulecastConfig } from '../config/rulecast-config';
import { IMPORT_KINDS, isImportKind } from './import-kind';
import { ImportQueryDto } from './import-query.dto';
import { ImportReport } from './import-report';
import { ImportOptions, ImportService } from './import.service';
import { SourceFormat } from './mapping/import-mapping';
import { describeBytes, spoolUpload, UploadTooLargeError } from './upload-spool';

const MAPPING_HEADER = 'x-rulecast-mapping';
const PARSED_BODY_TYPES = ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'];
const JSON_LINES_TYPES = ['application/x-ndjson', 'application/jsonl', 'application/jsonlines', 'application/x-jsonlines'];
const CSV_TYPES = ['text/csv', 'text/tab-separated-values'];

/**
 * POST /api/import/{customers|items|events}: the request body is the file. It is
 * streamed to a temporary file (the import reads it twice), imported like
 * `rulecast import`, and deleted. Responds 200 with the report when rows were written,
 * 422 with the report when nothing was, and 413 when the body is larger than
 * RULECAST_IMPORT_MAX_BYTES.
 */
@ApiTags('import')
@ApiSecurity('api-key')
@Controller('api/import')
export class ImportController {
  private readonly logger = new Logger(ImportController.name);

  constructor(
    @Inject(ImportService) private readonly imports: ImportService,
    @Inject(RulecastConfig) private readonly config: RulecastConfig,
  ) {}

  @Post(':kind')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Import customers, items or events from a CSV or JSON Lines body' })
  @ApiParam({ name: 'kind', enum: IMPORT_KINDS })
  @ApiConsumes(...CSV_TYPES, ...JSON_LINES_TYPES, 'application/octet-stream')
  @ApiBody({ description: 'The file itself, UTF-8.', schema: { type: 'string', format: 'binary' } })
  @ApiHeader({ name: MAPPING_HEADER, required: false, description: 'Mapping as JSON, in place of the mapping query parameter.' })
  @ApiResponse({ status: 200, description: 'Rows were written; the report lists counts, any skipped rows and the opt-outs it kept (keptOptOuts).' })
  @ApiResponse({ status: 413, description: 'The body is larger than RULECAST_IMPORT_MAX_BYTES; nothing was written.' })
  @ApiResponse({ status: 415, description: 'The body is JSON, a form or multipart; send the file itself as text/csv, application/x-ndjson or application/octet-stream.' })
  @ApiResponse({ status: 422, description: 'Nothing was written; the report lists each problem by row, column and value.' })
  async importUpload(
    @Param('kind') kind: string,
    @Query() query: ImportQueryDto,
    @Req() request: IncomingMessage,
    @Res({ passthrough: true }) response: ServerResponse,
  ): Promise<ImportReport> {
    if (!isImportKind(kind)) {
      throw new BadRequestException(`unknown import kind ${JSON.stringify(kind)}; use one of ${IMPORT_KINDS.join(', ')}`);
    }
    const contentType = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (PARSED_BODY_TYPES.includes(contentType)) {
      throw new UnsupportedMediaTypeException(`send the file as the raw body with Content-Type text/csv, application/x-ndjson or application/octet-stream, not ${contentType}`);
    }
    const declaredBytes = Number(request.headers['content-length']);
    if (declaredBytes > this.config.importMaxBytes) {
      throw this.uploadTooLarge(response, `Content-Length ${declaredBytes}`);
    }

    const options: Omit<ImportOptions, 'file'> = {
      kind,
      displayName: query.filename ?? `upload.${formatFor(query, contentType) === 'jsonl' ? 'jsonl' : 'csv'}`,
      format: formatFor(query, contentType),
      skipInvalid: query.skipInvalid === true,
      ...this.mappingOptions(request, query),
    };
    const report = await this.withSpooledBody(request, response, (file) => this.imports.importFile({ ...options, file }));
    if (!report.committed) {
      response.statusCode = HttpStatus.UNPROCESSABLE_ENTITY;
    }
    return report;
  }

  private mappingOptions(request: IncomingMessage, query: ImportQueryDto): Pick<ImportOptions, 'mappingFile' | 'mappingText'> {
    const header = request.headers[MAPPING_HEADER];
    const mappingText = Array.isArray(header) ? header[0] : header;
    if (mappingText !== undefined && query.mapping !== undefined) {
      throw new BadRequestException(`give the mapping either in the ${MAPPING_HEADER} header or in the mapping query parameter, not both`);
    }
    if (mappingText !== undefined) {
      return { mappingText };
    }
    if (query.mapping === undefined) {
      return {};
    }
    const root = process.cwd();
    const path = resolve(root, query.mapping);
    const inside = relative(root, path);
    if (inside.startsWith('..') || isAbsolute(inside)) {
      throw new BadRequestException(`mapping ${JSON.stringify(query.mapping)} is outside the engine's working directory; name a file inside it`);
    }
    return { mappingFile: path };
  }

  private async withSpooledBody(
    request: IncomingMessage,
    response: ServerResponse,
    work: (file: string) => Promise<ImportReport>,
  ): Promise<ImportReport> {
    const dir = await mkdtemp(join(tmpdir(), 'rulecast-upload-'));
    try {
      const file = join(dir, 'body');
      try {
        await spoolUpload(request, file, this.config.importMaxBytes);
      } catch (error) {
        if (error instanceof UploadTooLargeError) {
          throw this.uploadTooLarge(response, 'the body');
        }
        this.logger.warn(`import upload failed before the import started: ${errorMessage(error)}`);
        throw new BadRequestException(`the upload failed: ${errorMessage(error)}`);
      }
      return await work(file);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /**
   * Builds the 413 error. The response closes the connection, so the server does not
   * read the rest of a body it rejected.
   */
  private uploadTooLarge(response: ServerResponse, measured: string): PayloadTooLargeException {
    const limit = describeBytes(this.config.importMaxBytes);
    this.logger.warn(`import upload rejected: ${measured} is larger than RULECAST_IMPORT_MAX_BYTES, ${limit}`);
    response.setHeader('connection', 'close');
    return new PayloadTooLargeException(
      `the upload is larger than ${limit}, the limit set by RULECAST_IMPORT_MAX_BYTES; nothing was imported. ` +
        'Raise RULECAST_IMPORT_MAX_BYTES, or import the file on the server with "rulecast import", which has no size limit',
    );
  }
}

function formatFor(query: ImportQueryDto, contentType: string): SourceFormat | undefined {
  if (query.format !== undefined) {
    return query.format;
  }
  if (JSON_LINES_TYPES.includes(contentType)) {
    return 'jsonl';
  }
  if (CSV_TYPES.includes(contentType)) {
    return 'csv';
  }
  return undefined;
}
