// The libsrtp 3.0 API that mediasoup's worker uses, on top of Debian's libsrtp 2.x.
//
// 3.0 protects and unprotects from an input buffer into an output buffer with size_t lengths
// and reports a too small output buffer; 2.x works in place with int lengths and assumes room
// for the trailer. The overloads below copy the input into the output buffer after checking
// its capacity and then run the 2.x function in place there. Everything else mediasoup uses
// (policies, crypto policy setters, events, error codes up to 27) is the same in 2.x.
//
// C++ only: the overloads sit next to the 2.x C functions of the same names.
#ifndef PANDA_LIBSRTP3_ON_LIBSRTP2_SRTP_H
#define PANDA_LIBSRTP3_ON_LIBSRTP2_SRTP_H

#include <srtp2/srtp.h>

#include <climits>
#include <cstddef>
#include <cstdint>
#include <cstring>

// Error codes added by libsrtp 3.0, with its values.
inline constexpr srtp_err_status_t srtp_err_status_buffer_small = static_cast<srtp_err_status_t>(28);
inline constexpr srtp_err_status_t srtp_err_status_cryptex_err = static_cast<srtp_err_status_t>(29);

namespace libsrtp3_on_libsrtp2
{
	// Signature shared by srtp_protect, srtp_unprotect, srtp_protect_rtcp and srtp_unprotect_rtcp in 2.x.
	using InPlaceFunction = srtp_err_status_t (*)(srtp_t, void*, int*);

	// Runs a 2.x in-place function with 3.0 semantics: `out` (capacity *out_len) receives the result,
	// which may grow by up to `max_growth` bytes; `in` and `out` may be the same buffer.
	inline srtp_err_status_t CopyAndRunInPlace(
	  InPlaceFunction function,
	  srtp_t ctx,
	  const uint8_t* in,
	  size_t in_len,
	  uint8_t* out,
	  size_t* out_len,
	  size_t max_growth)
	{
		if (in == nullptr || out == nullptr || out_len == nullptr)
		{
			return srtp_err_status_bad_param;
		}

		if (in_len > static_cast<size_t>(INT_MAX) - max_growth)
		{
			return srtp_err_status_bad_param;
		}

		if (*out_len < in_len + max_growth)
		{
			return srtp_err_status_buffer_small;
		}

		if (out != in)
		{
			std::memmove(out, in, in_len);
		}

		int len = static_cast<int>(in_len);
		const srtp_err_status_t status = function(ctx, out, &len);

		if (status == srtp_err_status_ok)
		{
			*out_len = static_cast<size_t>(len);
		}

		return status;
	}
} // namespace libsrtp3_on_libsrtp2

// mki_index: like 3.0 for streams without MKI (mediasoup never configures one), it is not used.
inline srtp_err_status_t srtp_protect(
  srtp_t ctx, const uint8_t* rtp, size_t rtp_len, uint8_t* srtp, size_t* srtp_len, size_t /*mki_index*/)
{
	// 2.x may append up to SRTP_MAX_TRAILER_LEN bytes (auth tag and MKI).
	return libsrtp3_on_libsrtp2::CopyAndRunInPlace(
	  srtp_protect, ctx, rtp, rtp_len, srtp, srtp_len, SRTP_MAX_TRAILER_LEN);
}

inline srtp_err_status_t srtp_unprotect(
  srtp_t ctx, const uint8_t* srtp, size_t srtp_len, uint8_t* rtp, size_t* rtp_len)
{
	return libsrtp3_on_libsrtp2::CopyAndRunInPlace(srtp_unprotect, ctx, srtp, srtp_len, rtp, rtp_len, 0);
}

inline srtp_err_status_t srtp_protect_rtcp(
  srtp_t ctx, const uint8_t* rtcp, size_t rtcp_len, uint8_t* srtcp, size_t* srtcp_len, size_t /*mki_index*/)
{
	// 2.x may append the 4-byte SRTCP index plus up to SRTP_MAX_TRAILER_LEN bytes.
	return libsrtp3_on_libsrtp2::CopyAndRunInPlace(
	  srtp_protect_rtcp, ctx, rtcp, rtcp_len, srtcp, srtcp_len, SRTP_MAX_TRAILER_LEN + 4);
}

inline srtp_err_status_t srtp_unprotect_rtcp(
  srtp_t ctx, const uint8_t* srtcp, size_t srtcp_len, uint8_t* rtcp, size_t* rtcp_len)
{
	return libsrtp3_on_libsrtp2::CopyAndRunInPlace(
	  srtp_unprotect_rtcp, ctx, srtcp, srtcp_len, rtcp, rtcp_len, 0);
}

// Renamed in 3.0; both take the SSRC in network byte order.
inline srtp_err_status_t srtp_stream_remove(srtp_t session, uint32_t ssrc)
{
	return srtp_remove_stream(session, ssrc);
}

#endif
