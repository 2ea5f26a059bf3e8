import { Body, Controller, createParamDecorator, type ExecutionContext, HttpCode, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { LargeBody, Public } from '@muvo/http';
import { OpenpathDiaryService, OpenpathTokenService, UsercacheService } from '@muvo/openpath';
import { RawTraceUpload } from '@muvo/tracking';
import { findEntriesSchema, metricsSchema, parsePhoneBody, profileUpdateSchema } from './openpath.dto';
import { JSON_TYPES } from './trips.body-parsers';

const userOf = (body: unknown) => (body as { user?: unknown } | null | undefined)?.user;

/**
 * The body of an upload as bytes: the put parses it in its own threads, and judges the phone's
 * entries one by one (NUL and unpaired surrogates included), so one bad entry does not cost the
 * phone the rest of its batch. A body of another content type counts as none.
 */
const PhoneUpload = createParamDecorator((_: unknown, context: ExecutionContext): Uint8Array | undefined => {
  const { body } = context.switchToHttp().getRequest<{ body: unknown }>();
  return body instanceof RawTraceUpload && JSON_TYPES.includes(body.mediaType) ? body.data : undefined;
});

/**
 * The OpenPATH phone app's server protocol (e-mission's `cfc_webapp.py` routes), under
 * OPENPATH_PATH_PREFIX. Every call is a POST answered 200; the login token in the body (`user`)
 * is the caller's identity, so these routes take no bearer token.
 */
@ApiExcludeController()
@Public()
@Controller()
export class OpenpathController {
  constructor(
    private readonly tokens: OpenpathTokenService,
    private readonly usercache: UsercacheService,
    private readonly diary: OpenpathDiaryService,
  ) {}

  @Post('usercache/put')
  // A day of a phone's entries is megabytes; OpenpathBodyLimit holds it to OPENPATH_MAX_BODY_BYTES.
  @LargeBody({ unparsedJson: true })
  @HttpCode(200)
  async put(@PhoneUpload() body: Uint8Array | undefined) {
    await this.usercache.put(body);
    return {};
  }

  @Post('usercache/get')
  @HttpCode(200)
  async get(@Body() body: unknown) {
    await this.tokens.resolve(userOf(body));
    return this.usercache.get();
  }

  @Post('profile/create')
  @HttpCode(200)
  async createProfile(@Body() body: unknown) {
    return { uuid: (await this.tokens.resolve(userOf(body))).participantId };
  }

  @Post('profile/get')
  @HttpCode(200)
  async getProfile(@Body() body: unknown) {
    return this.diary.profile(await this.tokens.resolve(userOf(body)));
  }

  @Post('profile/update')
  @HttpCode(200)
  async updateProfile(@Body() body: unknown) {
    const caller = await this.tokens.resolve(userOf(body));
    await this.diary.updateProfile(caller, parsePhoneBody(profileUpdateSchema, body).update_doc);
    return { update: true };
  }

  @Post('pipeline/get_range_ts')
  @HttpCode(200)
  async rangeTs(@Body() body: unknown) {
    return this.diary.rangeTs(await this.tokens.resolve(userOf(body)));
  }

  @Post('datastreams/find_entries/timestamp')
  @HttpCode(200)
  async findEntries(@Body() body: unknown) {
    const caller = await this.tokens.resolve(userOf(body));
    return this.diary.findEntries(caller, parsePhoneBody(findEntriesSchema, body));
  }

  @Post(['result/metrics/yyyy_mm_dd', 'result/metrics/timestamp'])
  @HttpCode(200)
  async metrics(@Body() body: unknown) {
    const caller = await this.tokens.resolve(userOf(body));
    return this.diary.metrics(caller, parsePhoneBody(metricsSchema, body));
  }
}
