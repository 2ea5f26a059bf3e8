import { Body, Controller, Post } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Public } from '@muvo/http';
import { StaffService } from '@muvo/vouchers';
import { acceptedInvitationSchema, acceptInvitationSchema } from './merchants.dto';

@ApiTags('merchants')
@Public()
@Controller('v1/staff-invitations')
export class StaffInvitationsController {
  constructor(private readonly staff: StaffService) {}

  @Post('accept')
  @ApiOperation({ summary: 'A clerk accepts an invitation with a password; then logs in at the counter' })
  @ApiResponse({ status: 201, standardSchema: acceptedInvitationSchema })
  @ApiResponse({ status: 404, description: 'INVITATION_INVALID' })
  @ApiResponse({ status: 409, description: 'EMAIL_TAKEN' })
  accept(@Body({ schema: acceptInvitationSchema }) body: z.infer<typeof acceptInvitationSchema>) {
    return this.staff.accept(body);
  }
}
